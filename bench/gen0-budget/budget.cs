// Which gen0 budget the runtime uses here: allocates 20,000,000 short-lived 48-byte arrays and prints the gen0
// collections and the mean bytes allocated between two of them. On this 2-core VM (no /sys/devices/system/cpu/cpu0/cache):
// ~2 MiB by default; 64 MiB with DOTNET_GCgen0size=0x4000000 in the environment; still ~2 MiB with
// "System.GC.Gen0Size" or "GCgen0size" in the app's runtimeconfig.json (the runtime reads the setting from the
// environment only). `dotnet build -c Release bench/gen0-budget/budget.cs -o OUT`, then `dotnet OUT/budget.dll`.
object[] keep = new object[64];
for (int i = 0; i < 20_000_000; i++) keep[i & 63] = new byte[24];
int gen0 = GC.CollectionCount(0);
Console.WriteLine($"gen0 collections {gen0}, gen1 {GC.CollectionCount(1)}, mean budget {20_000_000L * 48 / Math.Max(1, gen0) / 1024} KiB");
