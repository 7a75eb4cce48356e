using Switchyard.Dispatcher;
using Switchyard.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSwitchyard(new DispatcherModule());
return await builder.Build().RunSwitchyardAsync();
