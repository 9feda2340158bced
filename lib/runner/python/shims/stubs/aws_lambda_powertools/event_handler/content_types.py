APPLICATION_JSON = "application/json"
TEXT_PLAIN = "text/plain"
TEXT_HTML = "text/html"
APPLICATION_SWAGGER = "application/swagger"
