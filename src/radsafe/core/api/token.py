"""POST /api/auth/token/: username and password for an API token.

It goes through `django.contrib.auth.authenticate` with the request, so django-axes counts and locks
out exactly as on the login page and failed attempts reach the audit log through the auth signals.
A success sends `user_logged_in` like a page login does: axes resets the failure count, Django
stamps `last_login`, the audit log records the login; the token itself is audited as well."""

from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from radsafe.core.api.permissions import MUST_CHANGE_PASSWORD
from radsafe.core.audit import audit_record

BAD_CREDENTIALS = _("用户名或密码错误。")
LOCKED_OUT = _("登录失败次数过多，账号已被暂时锁定，请稍后再试或联系安全管理员。")


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("用户名"), max_length=150)
    password = serializers.CharField(
        label=_("密码"), max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


class TokenView(APIView):
    # Anyone may try; axes, not a capability, limits the attempts. No authentication classes, so
    # a stale session cookie neither authenticates the request nor demands a CSRF token.
    permission_classes = [AllowAny]
    authentication_classes = []
    renderer_classes = [JSONRenderer]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: OpenApiResponse(description=str(BAD_CREDENTIALS)),
            403: OpenApiResponse(DetailSerializer, description=str(MUST_CHANGE_PASSWORD)),
            429: OpenApiResponse(DetailSerializer, description=str(LOCKED_OUT)),
        },
        auth=[],
        summary="获取接口令牌",
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The DRF request, not request._request: axes flags a lockout on the object it is given,
        # and we answer it here in JSON instead of letting the middleware render the HTML page.
        user = authenticate(request=request, **serializer.validated_data)
        if getattr(request, "axes_locked_out", False):
            return Response({"detail": LOCKED_OUT}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None:
            raise serializers.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [BAD_CREDENTIALS]}
            )
        if user.must_change_password and not user.is_demo:
            audit_record(actor=user, action="auth.token_refused", obj=user)
            return Response({"detail": MUST_CHANGE_PASSWORD}, status=status.HTTP_403_FORBIDDEN)
        user_logged_in.send(sender=type(user), request=request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        audit_record(actor=user, action="auth.token", obj=user)
        return Response({"token": token.key})
