# Sourced by bench scripts: tiny_release DIR writes DIR/tiny-1.0.0.tar.gz, a release whose start
# script serves its own directory with busybox httpd on 8080 (GET /health answers "ok"), for
# benchmarks of C U L8er itself rather than of an application's start.
tiny_release() {
  mkdir -p "$1/tiny-1.0.0/bin"
  printf '#!/bin/sh\nexec busybox httpd -f -p 8080 -h .\n' > "$1/tiny-1.0.0/bin/tiny"
  echo ok > "$1/tiny-1.0.0/health"
  chmod +x "$1/tiny-1.0.0/bin/tiny"
  tar -czf "$1/tiny-1.0.0.tar.gz" -C "$1" tiny-1.0.0
}
