"""API of the workers and their assessment results: the pages' selectors and services, scoped
as everywhere; nothing is deleted (a worker who leaves gets `left_on`)."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from radsafe.core.api.viewsets import WriteViewSet
from radsafe.personnel.api.serializers import TrainingSerializer, WorkerSerializer
from radsafe.personnel.filtersets import TrainingFilterSet, WorkerFilterSet
from radsafe.personnel.selectors import workers as selectors

READ, WRITE = "worker.view", "worker.change"
CAPABILITIES = {
    "list": READ,
    "retrieve": READ,
    "create": WRITE,
    "update": WRITE,
    "partial_update": WRITE,
}


def _workers(*, user):
    return selectors.worker_list(user=user).prefetch_related("sources", "devices")


@extend_schema_view(
    list=extend_schema(summary="辐射工作人员列表（身份证号码仅返回掩码）"),
    retrieve=extend_schema(summary="辐射工作人员详情"),
    create=extend_schema(summary="登记辐射工作人员"),
    update=extend_schema(summary="修改辐射工作人员（须提供 version）"),
    partial_update=extend_schema(summary="部分修改辐射工作人员（须提供 version）"),
)
class WorkerViewSet(WriteViewSet):
    selector = staticmethod(_workers)
    serializer_class = WorkerSerializer
    filterset_class = WorkerFilterSet
    ordering_fields = ["id", "name", "employed_on", "unit__name"]
    required_capabilities = CAPABILITIES


@extend_schema_view(
    list=extend_schema(summary="考核成绩报告单列表"),
    retrieve=extend_schema(summary="考核成绩报告单详情"),
    create=extend_schema(summary="登记考核成绩报告单（有效期 5 年，自动计算）"),
    update=extend_schema(summary="修改考核成绩报告单（须提供 version）"),
    partial_update=extend_schema(summary="部分修改考核成绩报告单（须提供 version）"),
)
class TrainingViewSet(WriteViewSet):
    selector = staticmethod(selectors.training_list)
    serializer_class = TrainingSerializer
    filterset_class = TrainingFilterSet
    ordering_fields = ["id", "passed_on", "valid_until"]
    required_capabilities = CAPABILITIES
