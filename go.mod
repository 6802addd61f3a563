module github.com/verso-pdf/verso

go 1.26

require github.com/pdfcpu/pdfcpu v0.15.0 // indirect
