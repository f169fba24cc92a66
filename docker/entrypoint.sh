#!/bin/sh
# init:     configuration, migrations, the sysadmin (and the demo when DEMO=1); run once, before
#           the others (compose runs it as a one-off service)
# web:      gunicorn with WEB_WORKERS workers
# worker:   the jobs worker (DataStore loads, e-mails); extra arguments are passed on
#           (`worker --no-scheduler` for secondary workers)
# periodic: the periodic jobs every PERIODIC_MINUTES minutes
set -e
cd /srv/portal
command="$1"
[ "$#" -gt 0 ] && shift
case "$command" in
  init)
    exec python scripts/portal.py bootstrap
    ;;
  web)
    exec gunicorn --bind 0.0.0.0:5000 --workers "${WEB_WORKERS:-4}" --timeout 120 \
      config.wsgi:application
    ;;
  worker)
    exec ckan -c var/ckan.ini jobs worker "$@" default
    ;;
  periodic)
    exec ckan -c var/ckan.ini transparency periodic --every "${PERIODIC_MINUTES:-15}"
    ;;
  *)
    exec "$command" "$@"
    ;;
esac
