"""API of the workers and their assessment results: the pages' selectors and services, scoped
as everywhere; nothing is deleted (a worker who leaves gets `left_on`)."""

from drf_spectacular.utils import extend_schema

from radsafe.core.api.viewsets import WriteViewSet, crud_capabilities, crud_schema
from radsafe.personnel.api.serializers import TrainingSerializer, WorkerSerializer
from radsafe.personnel.filtersets import TrainingFilterSet, WorkerFilterSet
from radsafe.personnel.selectors import workers as selectors

CAPABILITIES = crud_capabilities(view="worker.view", change="worker.change")


def _workers(*, user):
    return selectors.worker_list(user=user).prefetch_related("sources", "devices")


@crud_schema("辐射工作人员", list=extend_schema(summary="辐射工作人员列表（身份证号码仅返回掩码）"))
class WorkerViewSet(WriteViewSet):
    selector = staticmethod(_workers)
    serializer_class = WorkerSerializer
    filterset_class = WorkerFilterSet
    ordering_fields = ["id", "name", "employed_on", "unit__name"]
    required_capabilities = CAPABILITIES


@crud_schema("考核成绩报告单", create="登记考核成绩报告单（有效期 5 年，自动计算）")
class TrainingViewSet(WriteViewSet):
    selector = staticmethod(selectors.training_list)
    serializer_class = TrainingSerializer
    filterset_class = TrainingFilterSet
    ordering_fields = ["id", "passed_on", "valid_until"]
    required_capabilities = CAPABILITIES
