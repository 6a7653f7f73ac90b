module earlylocale

go 1.26.0
