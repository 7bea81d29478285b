# Sensors, after airflow/example_dags/example_sensors.py (Airflow 2.10).
from __future__ import annotations

from datetime import timedelta

import pendulum

from airflow.decorators import task
from airflow.models.dag import DAG
from airflow.sensors.date_time import DateTimeSensor
from airflow.sensors.external_task import ExternalTaskSensor
from airflow.sensors.filesystem import FileSensor
from airflow.sensors.python import PythonSensor
from airflow.sensors.time_delta import TimeDeltaSensor


def success_callable():
    return True


with DAG(
    dag_id="example_sensors",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 1, 1, tz="Asia/Seoul"),
    catchup=False,
) as dag:
    t0 = TimeDeltaSensor(task_id="wait_some_seconds", delta=timedelta(seconds=2))
    t1 = DateTimeSensor(task_id="wait_for_noon", target_time="{{ data_interval_end.replace(hour=12) }}", mode="reschedule", poke_interval=300)
    # sim: ready_after=45m
    t2 = FileSensor(task_id="wait_for_file", filepath="/tmp/data/{{ ds }}.csv", timeout=timedelta(hours=2), soft_fail=True)
    t3 = ExternalTaskSensor(task_id="wait_for_upstream_dag", external_dag_id="upstream", external_task_id="load", execution_delta=timedelta(hours=1), allowed_states=["success", "skipped"])
    t4 = PythonSensor(task_id="success_sensor_python", python_callable=success_callable, exponential_backoff=True)

    @task.sensor(poke_interval=60, timeout=3600, mode="poke")
    def wait_for_api():  # sim: ready_after=10m
        return True

    [t0, t1, t2, t3, t4] >> wait_for_api()
