"""The background task of an import job (django-tasks). Its arguments are the job and the run it
is for; everything else is read from the job, so a task queued before a restart of the web server
runs the same after it."""

from django_tasks import task


@task()
def run_import_job(job_id: int, attempt: int) -> str:
    from radsafe.core.imports.jobs import import_job_run

    return import_job_run(job_id=job_id, attempt=attempt)
