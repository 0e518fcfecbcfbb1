"""Every WebSocket route of the product, gathered from the apps' consumers."""

from reviews.routing import websocket_urlpatterns as review_patterns
from revmod.notifications.routing import websocket_urlpatterns as notification_patterns

websocket_urlpatterns = [*notification_patterns, *review_patterns]
