# Classic operators from the standard provider, with Airflow 3 timetables.
from datetime import timedelta

import pendulum

from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import BranchPythonOperator, PythonOperator
from airflow.providers.standard.sensors.time_delta import TimeDeltaSensor
from airflow.sdk import DAG, Label, TriggerRule
from airflow.timetables.trigger import DeltaTriggerTimetable, MultipleCronTriggerTimetable


def choose():
    if pendulum.now().day % 2:
        return "odd"
    return "even"


with DAG(
    dag_id="sdk_classic",
    schedule=MultipleCronTriggerTimetable("0 6 * * *", "30 18 * * 1-5", timezone="Europe/Amsterdam"),
    start_date=pendulum.datetime(2025, 3, 1, tz="Europe/Amsterdam"),
    catchup=False,
    max_active_tasks=8,
    default_args={"retries": 1, "retry_exponential_backoff": 3.0},
) as dag:
    wait = TimeDeltaSensor(task_id="wait", delta=timedelta(minutes=10), mode="reschedule")
    branch = BranchPythonOperator(task_id="branch", python_callable=choose)
    odd = BashOperator(task_id="odd", bash_command="echo odd")
    even = PythonOperator(task_id="even", python_callable=lambda: "even")
    join = EmptyOperator(task_id="join", trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS)
    wait >> branch >> Label("odd days") >> odd >> join
    branch >> Label("even days") >> even >> join

with DAG(dag_id="sdk_delta", schedule=DeltaTriggerTimetable(timedelta(hours=4)), start_date=pendulum.datetime(2025, 3, 1, tz="UTC")) as delta_dag:
    EmptyOperator(task_id="tick")
