module goconc.example/bench

go 1.25
