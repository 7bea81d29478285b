# Five calls to a partner's API. The partner allows only two calls at a time,
# so every call uses the pool "partner_api".
import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="partner_sync",
    schedule=None,
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
):
    for name in ["orders", "users", "items", "prices", "stock"]:
        BashOperator(
            task_id=f"call_api_{name}",
            bash_command=f"echo GET /{name}; sleep 300",
            pool="partner_api",
        )
