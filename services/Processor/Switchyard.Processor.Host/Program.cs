using Switchyard.Hosting;
using Switchyard.Processor;

var builder = WebApplication.CreateBuilder(args);
builder.AddSwitchyard(new ProcessorModule());
return await builder.Build().RunSwitchyardAsync();
