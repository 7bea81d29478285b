# A nightly refresh: `choose` picks a full or an incremental load. The branch not chosen
# is skipped. The simulator does not run Python: `# sim: branch=` says what `choose` returns.
import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG, task
    from airflow.providers.standard.operators.bash import BashOperator
    from airflow.providers.standard.operators.empty import EmptyOperator
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.decorators import task
    from airflow.operators.bash import BashOperator
    from airflow.operators.empty import EmptyOperator

with DAG(
    dag_id="refresh",
    schedule=None,
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
):

    @task.branch
    def choose():
        # sim: branch=incremental_load
        return "incremental_load"

    full_load = BashOperator(task_id="full_load", bash_command="echo reloading every row; sleep 300")
    vacuum = BashOperator(task_id="vacuum", bash_command="echo vacuum after a full reload; sleep 60")
    incremental_load = BashOperator(task_id="incremental_load", bash_command="echo loading new rows; sleep 60")
    join = EmptyOperator(task_id="join")
    report = BashOperator(task_id="report", bash_command="echo report")

    choose() >> [full_load, incremental_load]
    full_load >> vacuum
    [full_load, incremental_load] >> join >> report
