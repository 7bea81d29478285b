# Time zones: pendulum tz, ZoneInfo, naive datetimes, DST gap/overlap resolution.
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pendulum
from dateutil.relativedelta import relativedelta

from airflow import DAG
from airflow.operators.empty import EmptyOperator

# 02:30 does not exist in Amsterdam on 2024-03-31: pendulum moves it forward to 03:30 CEST
with DAG("ams_gap", start_date=pendulum.datetime(2024, 3, 31, 2, 30, tz="Europe/Amsterdam"), schedule="30 2 * * *") as ams:
    EmptyOperator(task_id="noop")

# 01:30 happens twice in New York on 2024-11-03: pendulum (fold=1) takes the later, EST
with DAG("ny_overlap", start_date=pendulum.datetime(2024, 11, 3, 1, 30, tz="America/New_York"), schedule=timedelta(hours=6)) as ny:
    EmptyOperator(task_id="noop")

# the stdlib with ZoneInfo keeps fold=0: the earlier instant, EDT
with DAG("ny_overlap_zoneinfo", start_date=datetime(2024, 11, 3, 1, 30, tzinfo=ZoneInfo("America/New_York")), schedule=relativedelta(months=1)) as nyz:
    EmptyOperator(task_id="noop")

# naive: interpreted in [core] default_timezone
with DAG("naive_start", start_date=datetime(2024, 1, 1), end_date=datetime(2024, 12, 31), schedule="@monthly") as naive:
    EmptyOperator(task_id="noop", start_date=datetime(2024, 2, 1))

# pendulum.datetime without tz is UTC
with DAG("pendulum_utc", start_date=pendulum.datetime(2024, 1, 1), schedule="@weekly") as utc:
    EmptyOperator(task_id="noop")
