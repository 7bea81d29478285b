# Branching: `choose` returns the task_id to follow; the other branch is skipped.
# The join uses trigger_rule="none_failed_min_one_success" so a skipped branch does
# not skip it. Trigger with conf {"mode": "full"} for a full load. The simulator
# does not run Python: # sim: branch= says what `choose` returns (edit it to try
# the other branch).
import pendulum
from airflow import DAG
from airflow.decorators import task
from airflow.operators.bash import BashOperator
from airflow.operators.empty import EmptyOperator

with DAG(
    dag_id="branching",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
    params={"mode": "incremental"},
    tags=["example"],
):

    @task.branch
    def choose(**context):
        # sim: branch=incremental_load
        if context["params"]["mode"] == "full":
            return "full_load"
        return "incremental_load"

    full_load = BashOperator(task_id="full_load", bash_command="echo reloading every row; sleep 120")
    incremental_load = BashOperator(task_id="incremental_load", bash_command="echo loading rows changed on {{ ds }}; sleep 30")
    join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")
    report = BashOperator(task_id="report", bash_command="echo report for {{ ds }}")

    choose() >> [full_load, incremental_load] >> join >> report
