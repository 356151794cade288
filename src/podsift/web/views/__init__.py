"""The server's routes: the JSON API (``api``) and the HTML pages (``pages``)."""
