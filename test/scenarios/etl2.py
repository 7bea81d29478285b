# The same ETL in Airflow 2.10 style; the load fails on its first try for 2024-05-02.
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
        bash_command="{% if ds == '2024-05-02' and ti.try_number == 1 %}exit 1{% else %}echo loaded {{ ds }}{% endif %}",
    )
    extract >> load
