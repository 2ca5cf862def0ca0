// A greeter that reads its page template at run time: a runtime stage must ship templates/.
package main

import (
	"html/template"
	"log"
	"net/http"
)

func main() {
	page := template.Must(template.ParseFiles("templates/index.html"))
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if err := page.Execute(w, "gopher"); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
