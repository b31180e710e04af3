   FROM    python:3.13-slim   AS   base
	RUN	pip  install   --no-cache-dir   flask
  USER   nobody
