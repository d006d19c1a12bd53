"""Background jobs (design.md: django-tasks with the database queue of django-tasks-db).

What every job needs besides its task: `progress`, which the code doing the work reports to
without knowing whether a job is listening, and `heartbeat`, which publishes that progress and
the proof that the job's process is alive, where every web server can read it. The import jobs
that use them are in `radsafe.core.imports.jobs`."""
