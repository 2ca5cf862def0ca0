# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
ARG APP_HOME=/opt/app
RUN <<EOF
apt-get update
apt-get install -y python3 python3-pip
EOF
COPY <<-"CONF" /etc/app.conf
	home=${APP_HOME}
	debug=false
CONF
WORKDIR $APP_HOME
CMD ["python3", "-m", "http.server", "8000"]
