// The preset dictionary of share links, format 1 (RFC 1950 §2.2 FDICT): text that workspaces
// usually contain (Airflow imports, a DAG header, the sample ETL DAG, the JSON keys and a few
// CLI lines). zlib finds back-references into it, so a typical link is about a third shorter.
// FROZEN: every link of format 1 needs exactly these bytes to open. To change it, add a new
// dictionary and a new LINK_VERSION, and keep this one for reading old links (link.test.ts
// pins its Adler-32: 2507699812).
export const DICTIONARY_V1 =
  "{\"name\":\"\",\"profile\":\"3\",\"files\":{\"etl.py\":\"# \\n" +
  "import pendulum\\n" +
  "from datetime import timedelta\\n" +
  "from airflow import DAG\\n" +
  "from airflow.sdk import DAG, task\\n" +
  "from airflow.decorators import task\\n" +
  "from airflow.operators.bash import BashOperator\\n" +
  "from airflow.operators.empty import EmptyOperator\\n" +
  "from airflow.providers.standard.operators.bash import BashOperator\\n" +
  "from airflow.providers.standard.operators.empty import EmptyOperator\\n" +
  "from airflow.providers.standard.sensors.filesystem import FileSensor\\n" +
  "\\n" +
  "with DAG(\\n" +
  "    dag_id=\\\"etl\\\",\\n" +
  "    schedule=\\\"@daily\\\",\\n" +
  "    start_date=pendulum.datetime(2024, 6, 1, tz=\\\"UTC\\\"),\\n" +
  "    catchup=True,\\n" +
  "    catchup=False,\\n" +
  "    max_active_runs=1,\\n" +
  "    default_args={\\n" +
  "        \\\"retries\\\": 3,\\n" +
  "        \\\"retry_delay\\\": timedelta(minutes=1),\\n" +
  "    },\\n" +
  "    tags=[\\\"example\\\"],\\n" +
  "):\\n" +
  "    extract = BashOperator(task_id=\\\"extract\\\", bash_command=\\\"echo extracting {{ ds }}; sleep 30\\\")\\n" +
  "    transform = BashOperator(task_id=\\\"transform\\\", bash_command=\\\"sleep 60\\\")\\n" +
  "    load = BashOperator(task_id=\\\"load\\\", bash_command=\\\"echo loaded {{ ds }}\\\")\\n" +
  "    extract >> transform >> load\\n" +
  "\\n" +
  "    @task(retries=2)\\n" +
  "    def extract():\\n" +
  "        # sim: duration=2m fail=1\\n" +
  "        return\\n" +
  "    trigger_rule=\\\"none_failed_min_one_success\\\"\\n" +
  "{{ ti.try_number }} {{ data_interval_start }} {{ data_interval_end }} {{ logical_date }} exit 1; sleep \\n" +
  "\"},\"config\":{\"core.executor\":\"LocalExecutor\",\"sim.workers\":2},\"seed\":1,\"start\":\"2024-06-01T00:00:00Z\",\"commands\":[{\"at\":\"2024-06-01T00:00:00Z\",\"seq\":1,\"run\":\"airflow dags unpause etl\"},{\"at\":\"2024-06-02T00:00:00Z\",\"seq\":2,\"run\":\"airflow dags trigger etl\"},{\"at\":\"2024-06-03T00:00:00Z\",\"seq\":3,\"run\":\"airflow tasks clear etl\"},\"airflow backfill create --dag-id etl --from-date  --to-date \"],\"fileEdits\":[{\"at\":\"2024-06-01T00:00:00Z\",\"seq\":4,\"name\":\"etl.py\",\"source\":\"# \"}],\"clock\":\"2024-06-01T00:00:00Z\",\"view\":\"grid\"}";
