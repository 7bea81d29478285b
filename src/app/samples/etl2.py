# The same ETL in Airflow 2.10 style: extract >> load.
import pendulum
from datetime import timedelta
from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG(
    dag_id="etl",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 5, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
):
    extract = BashOperator(task_id="extract", bash_command="echo extracting {{ ds }}")
    load = BashOperator(
        task_id="load",
        bash_command="echo loaded {{ ds }}",
    )
    extract >> load
