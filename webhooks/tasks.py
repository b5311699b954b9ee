"""The django-tasks task that sends one delivery, for deployments whose TASKS backend is a real queue."""

from django_tasks import task


@task()
def deliver_webhook(delivery_id):
    from .delivery import deliver

    delivery = deliver(delivery_id)
    return delivery.status if delivery is not None else None
