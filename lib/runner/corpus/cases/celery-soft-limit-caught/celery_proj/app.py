from celery import Celery

celery_app = Celery("celery_proj", broker="redis://localhost:6379/0")
celery_app.conf.update(task_serializer="json", accept_content=["json"], timezone="UTC")
