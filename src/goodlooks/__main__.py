from goodlooks.cli import main

main()
