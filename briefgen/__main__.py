from briefgen.quick import main

main()
