# @task.short_circuit, @task.bash, @task.branch, ShortCircuitOperator, params and Param.
import pendulum

from airflow.decorators import dag, task
from airflow.models.param import Param
from airflow.operators.empty import EmptyOperator
from airflow.operators.python import ShortCircuitOperator


@dag(
    dag_id="taskflow_misc",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    params={"limit": Param(10, type="integer", minimum=1), "mode": "fast"},
)
def misc(region="eu"):
    @task.short_circuit()
    def is_weekday():
        return False

    @task.bash
    def say_hello() -> str:
        return "echo hello {{ params.mode }}"

    @task.branch(task_id="choose")
    def pick():
        return ["small", "medium"]

    small = EmptyOperator(task_id="small")
    medium = EmptyOperator(task_id="medium")
    large = EmptyOperator(task_id="large")

    gate = ShortCircuitOperator(task_id="gate", python_callable=lambda: True, ignore_downstream_trigger_rules=False)

    is_weekday() >> say_hello() >> gate >> pick() >> [small, medium, large]


misc()
