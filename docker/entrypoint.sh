#!/bin/sh
# web: configure, migrate, create the sysadmin (and the demo when DEMO=1), then serve with
#      gunicorn; worker: the jobs worker (xloader loads, e-mails); periodic: the periodic jobs
#      (schedule reminders, rating snapshots, monthly appeals statistics) every 15 minutes.
set -e
cd /srv/portal
case "$1" in
  web)
    python scripts/portal.py bootstrap
    exec gunicorn --bind 0.0.0.0:5000 --workers "${WEB_WORKERS:-4}" --timeout 120 config.wsgi:application
    ;;
  worker)
    until [ -f var/ckan.ini ]; do sleep 2; done
    exec ckan -c var/ckan.ini jobs worker default
    ;;
  periodic)
    until [ -f var/ckan.ini ]; do sleep 2; done
    exec ckan -c var/ckan.ini transparency periodic --every "${PERIODIC_MINUTES:-15}"
    ;;
  *)
    exec "$@"
    ;;
esac
