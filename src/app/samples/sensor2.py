# A sensor waits for a file before the DAG goes on. In "reschedule" mode it frees
# its worker slot between pokes (state up_for_reschedule). The # sim: comment says
# when the file appears: 20 minutes after the first poke.
import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.sensors.filesystem import FileSensor

with DAG(
    dag_id="wait_for_file",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
    tags=["example"],
):
    # sim: ready_after=20m
    wait = FileSensor(
        task_id="wait_for_export",
        filepath="/data/exports/{{ ds }}.csv",
        poke_interval=300,
        timeout=3600,
        mode="reschedule",
    )
    load = BashOperator(task_id="load", bash_command="echo loading /data/exports/{{ ds }}.csv")
    wait >> load
