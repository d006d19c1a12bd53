def register(router) -> None:
    """Routes for workers and their assessment results."""
    from radsafe.personnel.api.doses import DoseRecordViewSet
    from radsafe.personnel.api.views import TrainingViewSet, WorkerViewSet

    router.register("workers", WorkerViewSet, basename="worker")
    router.register("trainings", TrainingViewSet, basename="training")
    router.register("doses", DoseRecordViewSet, basename="dose")
