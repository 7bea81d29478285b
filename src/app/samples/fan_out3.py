# Fan-out / fan-in: one task starts three that run in parallel, and a last task
# waits for all of them (trigger_rule="all_success", the default).
import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG(
    dag_id="fan_out_fan_in",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
    max_active_tasks=4,
    tags=["example"],
):
    start = EmptyOperator(task_id="start")
    regions = [
        BashOperator(task_id=f"export_{region}", bash_command=f"echo exporting {region} for {{{{ ds }}}}; sleep {seconds}")
        for region, seconds in [("europe", 40), ("americas", 90), ("asia", 60)]
    ]
    merge = BashOperator(task_id="merge", bash_command="echo merging 3 exports; sleep 20")
    done = EmptyOperator(task_id="done")

    start >> regions >> merge >> done
