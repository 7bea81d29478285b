# An ETL DAG in the style of Airflow 3's tutorial: extract >> transform >> load.
import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG(
    dag_id="etl",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
    tags=["example"],
):
    extract = BashOperator(task_id="extract", bash_command="echo extracting {{ ds }}; sleep 30")
    transform = BashOperator(task_id="transform", bash_command="sleep 60")
    load = BashOperator(task_id="load", bash_command="echo loaded {{ ds }}")
    extract >> transform >> load
