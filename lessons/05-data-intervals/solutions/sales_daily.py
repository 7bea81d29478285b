# The Code view's new-file template with catchup=True, as the step asks (Solve writes this file).
import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.operators.bash import BashOperator

# No timetable class: the profile decides what "@daily" means.
with DAG(
    dag_id="sales_daily",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
):
    hello = BashOperator(task_id="hello", bash_command="echo hello {{ ds }}")
    bye = BashOperator(task_id="bye", bash_command="echo bye")
    hello >> bye
