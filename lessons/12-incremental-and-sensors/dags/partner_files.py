# Wait for the partner's daily export before loading it. The # sim: comment says
# when the file appears: 20 minutes after the sensor's first poke.
import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
    from airflow.providers.standard.sensors.filesystem import FileSensor
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.operators.bash import BashOperator
    from airflow.sensors.filesystem import FileSensor

with DAG(
    dag_id="partner_files",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=False,
):
    # sim: ready_after=20m
    wait = FileSensor(
        task_id="wait_for_export",
        filepath="/data/partner/{{ ds }}.csv",
        poke_interval=300,
        timeout=3600,
        mode="reschedule",
    )
    load = BashOperator(task_id="load", bash_command="echo loading /data/partner/{{ ds }}.csv")
    wait >> load
