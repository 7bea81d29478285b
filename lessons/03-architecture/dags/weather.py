# Every hour: fetch the weather, then store it. Two small tasks, so you can follow
# each one through the whole cluster.
import pendulum

try:  # the same file works on Airflow 3 and on Airflow 2 (one step runs on 2.10)
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="weather",
    schedule="@hourly",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=False,
):
    fetch = BashOperator(task_id="fetch", bash_command="echo fetching the weather for {{ data_interval_end }}; sleep 30")
    store = BashOperator(task_id="store", bash_command="echo storing it; sleep 10")

    fetch >> store
