using Switchyard.AllInOne.SampleSubscriber;
using Switchyard.Dispatcher;
using Switchyard.Hosting;
using Switchyard.Processor;
using Switchyard.Receipt;

var builder = WebApplication.CreateBuilder(args);
builder.AddSwitchyard(new ReceiptModule(), new ProcessorModule(), new DispatcherModule(), new SampleSubscriberModule());
return await builder.Build().RunSwitchyardAsync();
