# A report that should run once a day.
import pendulum

try:  # the same file works on Airflow 3 and on Airflow 2
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="daily_sales",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=False,
):
    BashOperator(task_id="report", bash_command="echo sales report for {{ ds }}; sleep 60")
