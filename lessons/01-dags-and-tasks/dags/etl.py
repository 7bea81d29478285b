# A first DAG: download orders, clean them, load them into the warehouse.
import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG(
    dag_id="etl",
    schedule=None,  # no timetable: it runs only when someone triggers it
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
):
    # Each line creates one task: an instance of an operator (here BashOperator).
    extract = BashOperator(task_id="extract", bash_command="echo downloading orders; sleep 20")
    transform = BashOperator(task_id="transform", bash_command="echo cleaning orders; sleep 30")
    load = BashOperator(task_id="load", bash_command="echo loading orders into the warehouse; sleep 10")

    # The arrows are the dependencies: extract first, then transform, then load.
    extract >> transform >> load
