# Timetable objects as schedule= (Airflow 2.10: airflow/timetables/*.py).
from datetime import timedelta

import pendulum

from airflow import DAG
from airflow.operators.empty import EmptyOperator
from airflow.timetables.interval import CronDataIntervalTimetable, DeltaDataIntervalTimetable
from airflow.timetables.trigger import CronTriggerTimetable

START = pendulum.datetime(2024, 1, 1, tz="UTC")

with DAG("tt_cron_trigger", start_date=START, schedule=CronTriggerTimetable("0 9 * * 1-5", timezone="Asia/Seoul", interval=timedelta(hours=1))) as d1:
    EmptyOperator(task_id="noop")

with DAG("tt_cron_interval", start_date=START, schedule=CronDataIntervalTimetable("@daily", timezone="UTC")) as d2:
    EmptyOperator(task_id="noop")

with DAG("tt_delta", start_date=START, schedule=DeltaDataIntervalTimetable(timedelta(minutes=30))) as d3:
    EmptyOperator(task_id="noop")
