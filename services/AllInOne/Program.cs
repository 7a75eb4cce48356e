using Switchyard.AllInOne;
using Switchyard.AllInOne.SampleSubscriber;
using Switchyard.Dispatcher;
using Switchyard.Emulators.LocalRun;
using Switchyard.Hosting;
using Switchyard.Processor;
using Switchyard.Receipt;
using Switchyard.WebConsole;

var builder = WebApplication.CreateBuilder(args);
var emulators = builder.AddEmulatorsForMissingCredentials().Select(emulator => new LocalService(emulator));
builder.AddSwitchyard([new ReceiptModule(), new ProcessorModule(), new DispatcherModule(), new SampleSubscriberModule(), new ConsoleModule(), .. emulators]);
return await builder.Build().RunSwitchyardAsync();
