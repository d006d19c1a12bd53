def register(router) -> None:
    """Routes for workers and their assessment results."""
    from .views import TrainingViewSet, WorkerViewSet

    router.register("workers", WorkerViewSet, basename="worker")
    router.register("trainings", TrainingViewSet, basename="training")
