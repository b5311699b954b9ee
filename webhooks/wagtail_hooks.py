"""The admin: Settings-like "Webhooks" menu with the endpoints (editable) and the delivery log (read-only)."""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.forms import modelform_factory
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from . import admin_views
from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint

READ_ONLY_REFUSED = {"add", "change", "delete"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Deliveries are a log, written by the CMS: nobody, not even a superuser, adds, edits or deletes them."""

    def user_has_permission(self, user, action):
        return action not in READ_ONLY_REFUSED and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action not in READ_ONLY_REFUSED])


def with_action(label, url_name, icon):
    """An index view whose rows have one more button, to one of admin_views' actions."""

    class ActionIndexView(IndexView):
        def get_list_buttons(self, instance):
            buttons = super().get_list_buttons(instance)
            url = reverse(url_name, args=[instance.pk])
            return [*buttons, ListingButton(label, url=url, icon_name=icon, priority=5)]

    return ActionIndexView


class ShowSecretOnceCreateView(CreateView):
    def get_success_message(self, instance):
        return (
            f"Endpoint '{instance}' created. Its secret, shown only now (it is stored encrypted): {instance.secret} "
            "Give it to the receiver (the reference frontend's REVALIDATE_SECRET)."
        )


class WebhookEndpointViewSet(ModelViewSet):
    index_view_class = with_action("Send test", "webhooks_send_test", "resubmit")
    add_view_class = ShowSecretOnceCreateView
    model = WebhookEndpoint
    icon = "link"
    menu_label = "Endpoints"
    add_to_admin_menu = False
    copy_view_enabled = False
    form_fields = ["name", "url", "secret", "active", "events"]
    list_display = ["name", "url", "active", "updated_at"]
    list_filter = ["active"]

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model, form=WebhookEndpointForm, formfield_callback=self.formfield_for_dbfield, fields=self.form_fields
        )

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, **kwargs)


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    index_view_class = with_action("Retry now", "webhooks_retry_delivery", "resubmit")
    icon = "list-ul"
    menu_label = "Deliveries"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "event",
        "endpoint",
        "object_label",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    inspect_view_fields = [
        "endpoint",
        "event",
        "event_id",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "delivered_at",
        "created_at",
        "updated_at",
        "payload",
    ]
    form_fields = []  # never used: the policy refuses add and change

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)

    def get_permissions_to_register(self):
        content_type = ContentType.objects.get_for_model(self.model)
        return Permission.objects.filter(
            content_type=content_type, codename=get_permission_codename("view", self.model_opts)
        )


class WebhooksGroup(ModelViewSetGroup):
    menu_label = "Webhooks"
    menu_icon = "resubmit"
    menu_order = 850
    items = (WebhookEndpointViewSet("webhook_endpoints"), WebhookDeliveryViewSet("webhook_deliveries"))


@hooks.register("register_admin_viewset")
def register_webhooks_viewsets():
    return WebhooksGroup()


@hooks.register("register_admin_urls")
def register_webhooks_actions():
    return [
        path("webhooks/deliveries/<int:pk>/retry/", admin_views.retry_delivery, name="webhooks_retry_delivery"),
        path("webhooks/endpoints/<int:pk>/test/", admin_views.send_test, name="webhooks_send_test"),
    ]
