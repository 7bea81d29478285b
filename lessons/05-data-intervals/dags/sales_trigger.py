import pendulum
from airflow.timetables.trigger import CronTriggerTimetable

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.operators.bash import BashOperator

# Airflow 3's default for "@daily": one run at each midnight, for that instant.
with DAG(
    dag_id="sales_trigger",
    schedule=CronTriggerTimetable("0 0 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
):
    BashOperator(
        task_id="extract",
        bash_command=(
            'echo "data interval: {{ data_interval_start }} to {{ data_interval_end }}"; '
            'echo "ds={{ ds }}"'
        ),
    )
