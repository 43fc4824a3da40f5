#:package Microsoft.Data.Sqlite@10.0.15
// SQLite layouts of the decision store, appended to as the group-commit writer does (random users among 100,000, batches
// of B events): insert CPU per event, WAL bytes and frames per commit. `dotnet run layout.cs -- VARIANT B WARM MEASURED`,
// VARIANT = current (events + unique id index, before issue-11 step 2) | merged (records and id claims in one b-tree) |
// noindex (no id uniqueness: the lower bound) | idtable | intuser. docs/serving.md has the figures.
using System.Diagnostics;
using Microsoft.Data.Sqlite;

string variant = args[0]; int batch = int.Parse(args[1]); int users = 100_000; int warm = int.Parse(args[2]), measured = int.Parse(args[3]);
string dir = Directory.CreateTempSubdirectory("schema-").FullName; string path = Path.Combine(dir, "k.db");
using var c = new SqliteConnection($"Data Source={path}"); c.Open();
void X(string sql) { using var q = c.CreateCommand(); q.CommandText = sql; q.ExecuteNonQuery(); }
X("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;");
string cols = "time REAL NOT NULL, kind INTEGER NOT NULL, mark INTEGER NOT NULL, value REAL, propensity REAL, policy_version TEXT, feedback BLOB, context BLOB";
string insert;
switch (variant)
{
  case "current":
    X($"CREATE TABLE events(policy TEXT NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT, {cols}, PRIMARY KEY(policy,user_id,seq)) WITHOUT ROWID; CREATE UNIQUE INDEX events_by_id ON events(policy,user_id,id) WHERE id IS NOT NULL;");
    insert = "INSERT INTO events(policy,user_id,seq,id,time,kind,mark,value) VALUES($p,$u,$s,$id,$t,1,0,1.0)"; break;
  case "noindex":
    X($"CREATE TABLE events(policy TEXT NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT, {cols}, PRIMARY KEY(policy,user_id,seq)) WITHOUT ROWID;");
    insert = "INSERT INTO events(policy,user_id,seq,id,time,kind,mark,value) VALUES($p,$u,$s,$id,$t,1,0,1.0)"; break;
  case "idtable":  // ids in their own WITHOUT ROWID table (still two b-trees)
    X($"CREATE TABLE events(policy TEXT NOT NULL, user_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT, {cols}, PRIMARY KEY(policy,user_id,seq)) WITHOUT ROWID; CREATE TABLE ids(policy TEXT NOT NULL, user_id TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(policy,user_id,id)) WITHOUT ROWID;");
    insert = "INSERT INTO events(policy,user_id,seq,id,time,kind,mark,value) VALUES($p,$u,$s,$id,$t,1,0,1.0); INSERT INTO ids VALUES($p,$u,$id)"; break;
  case "merged":  // one b-tree: event rows keyed by integer seq, id rows keyed by the text id, adjacent per user
    X($"CREATE TABLE events(policy TEXT NOT NULL, user_id TEXT NOT NULL, k ANY NOT NULL, id TEXT, time REAL, kind INTEGER, mark INTEGER, value REAL, propensity REAL, policy_version TEXT, feedback BLOB, context BLOB, PRIMARY KEY(policy,user_id,k)) WITHOUT ROWID;");
    insert = "INSERT INTO events(policy,user_id,k,id,time,kind,mark,value) VALUES($p,$u,$s,$id,$t,1,0,1.0); INSERT INTO events(policy,user_id,k) VALUES($p,$u,$id)"; break;
  case "intuser":
    X($"CREATE TABLE users(policy TEXT NOT NULL, user_id TEXT NOT NULL, uid INTEGER PRIMARY KEY, UNIQUE(policy,user_id)); CREATE TABLE events(uid INTEGER NOT NULL, seq INTEGER NOT NULL, id TEXT, {cols}, PRIMARY KEY(uid,seq)) WITHOUT ROWID; CREATE UNIQUE INDEX events_by_id ON events(uid,id) WHERE id IS NOT NULL;");
    insert = "INSERT INTO events(uid,seq,id,time,kind,mark,value) VALUES($uid,$s,$id,$t,1,0,1.0)"; break;
  default: throw new Exception(variant);
}
var seq = new long[users]; var uid = new long[users]; var rng = new Random(1);
using var ins = c.CreateCommand(); ins.CommandText = insert;
foreach (var n in new[] { "$p", "$u", "$s", "$id", "$t", "$uid" }) if (insert.Contains(n)) ins.Parameters.Add(new SqliteParameter { ParameterName = n });
using var addUser = c.CreateCommand(); addUser.CommandText = "INSERT INTO users(policy,user_id) VALUES('default',$u) RETURNING uid"; addUser.Parameters.Add(new SqliteParameter { ParameterName = "$u" });
long idc = 0;
void Run(int events)
{
  for (int done = 0; done < events; done += batch)
  {
    using var tx = c.BeginTransaction(); ins.Transaction = tx; addUser.Transaction = tx;
    for (int j = 0; j < batch; j++)
    {
      int u = rng.Next(users); string user = $"user{u}";
      if (variant == "intuser" && uid[u] == 0) { addUser.Parameters[0].Value = user; uid[u] = (long)addUser.ExecuteScalar()!; }
      foreach (SqliteParameter p in ins.Parameters) p.Value = p.ParameterName switch { "$p" => "default", "$u" => user, "$s" => ++seq[u] is var s ? s : 0, "$id" => $"r1765085380123-{idc++}-0", "$t" => 1765085380.123 + idc * 1e-4, "$uid" => uid[u], _ => null };
      ins.ExecuteNonQuery();
    }
    tx.Commit();
  }
}
Run(warm);
X("PRAGMA wal_checkpoint(TRUNCATE);");
var proc = Process.GetCurrentProcess(); proc.Refresh(); var cpu0 = proc.TotalProcessorTime; var sw = Stopwatch.StartNew();
Run(measured);
proc.Refresh(); var cpu1 = proc.TotalProcessorTime; double wall = sw.Elapsed.TotalSeconds;
long wal = new FileInfo(path + "-wal").Length;
var ck0 = proc.TotalProcessorTime; X("PRAGMA wal_checkpoint(TRUNCATE);"); proc.Refresh(); var ck1 = proc.TotalProcessorTime;
long db = new FileInfo(path).Length;
Console.WriteLine($"{variant} batch={batch}: insert CPU {(cpu1 - cpu0).TotalMicroseconds / measured:F1} µs/event, wall {wall * 1e6 / measured:F1} µs/event, WAL {wal / (double)measured:F0} B/event ({wal / 4120.0 / (measured / (double)batch):F2} frames/commit), checkpoint CPU {(ck1 - ck0).TotalMicroseconds / measured:F1} µs/event, db {db / 1e6:F1} MB");
Directory.Delete(dir, true);
