// The example the start page runs: a daily ETL under Airflow 3, unpaused on June 1.
export const exampleScenario = {
  airflow: '3',
  files: {
    'etl.py': `from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator
import pendulum

with DAG(
    dag_id="etl",
    schedule="@daily",
    start_date=pendulum.datetime(2024, 6, 1, tz="UTC"),
    catchup=True,
):
    extract = BashOperator(task_id="extract", bash_command="echo extracting {{ ds }}; sleep 30")
    transform = BashOperator(task_id="transform", bash_command="sleep 60")
    load = BashOperator(task_id="load", bash_command="echo loaded")
    extract >> transform >> load
`,
  },
  start: '2024-06-03T12:00:00Z',
  commands: [{ at: '2024-06-03T12:00:00Z', run: 'airflow dags unpause etl' }],
  until: '2024-06-04T12:00:00Z',
  seed: 1,
};
