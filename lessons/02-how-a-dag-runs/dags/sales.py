# Daily sales report: one download, three cleaning steps that do not depend on each
# other, a join that needs all three, and a report at the end.
import pendulum
from airflow.sdk import DAG, task
from airflow.providers.standard.operators.bash import BashOperator

with DAG(
    dag_id="sales",
    schedule=None,
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
):
    extract = BashOperator(task_id="extract", bash_command="echo downloading sales; sleep 60")

    clean_orders = BashOperator(task_id="clean_orders", bash_command="echo cleaning orders; sleep 120")
    clean_customers = BashOperator(task_id="clean_customers", bash_command="echo cleaning customers; sleep 30")
    clean_products = BashOperator(task_id="clean_products", bash_command="echo cleaning products; sleep 60")

    join = BashOperator(task_id="join", bash_command="echo joining the three tables; sleep 20")

    @task
    def report():
        # sim: duration=10s fail=1 log="ConnectionError: the mail server did not answer"
        ...

    extract >> [clean_orders, clean_customers, clean_products] >> join >> report()
