-- args.lua: prints what a script receives.
print(#arg, arg[0], ...)
