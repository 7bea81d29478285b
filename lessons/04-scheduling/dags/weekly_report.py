# A weekly summary. Someone unpaused it a while ago... and it never ran.
import pendulum

try:  # the same file works on Airflow 3 and on Airflow 2
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="weekly_report",
    schedule="@weekly",
    start_date=pendulum.datetime(2024, 7, 1, tz="UTC"),
    catchup=False,
):
    BashOperator(task_id="summary", bash_command="echo summary of the week; sleep 30")
