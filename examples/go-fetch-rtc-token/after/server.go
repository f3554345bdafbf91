// Token server for the app's "fetch token" call:
//
//	POST /fetch_rtc_token  {"uid": 1234, "ChannelName": "demo", "role": 1}  ->  {"token": "..."}
//
// role is the numeric role the client sends: 0 attendee, 1 publisher, 2 subscriber, 101 admin.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"

	rtctokenbuilder "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/rtctokenbuilder2"
)

type rtcTokenRequest struct {
	UID         uint32 `json:"uid"`
	ChannelName string `json:"ChannelName"`
	Role        uint32 `json:"role"`
}

var (
	appID          = os.Getenv("APP_ID")
	appCertificate = os.Getenv("APP_CERTIFICATE")
)

func generateRtcToken(uid uint32, channelName string, role rtctokenbuilder.Role) (string, error) {
	// Tokens are valid for one hour.
	expireTimeInSeconds := uint32(3600)

	return rtctokenbuilder.BuildTokenWithUid(appID, appCertificate, channelName, uid, toV2Role(role), expireTimeInSeconds, expireTimeInSeconds)
}

func writeJSON(w http.ResponseWriter, status int, body interface{}) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

func rtcTokenHandler(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "use POST"})
		return
	}
	var request rtcTokenRequest
	if err := json.NewDecoder(r.Body).Decode(&request); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body must be JSON"})
		return
	}
	if request.ChannelName == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "ChannelName is required"})
		return
	}

	var role rtctokenbuilder.Role
	switch request.Role {
	case 0:
		// DEPRECATED. RoleAttendee has the same privileges as RolePublisher.
		role = rtctokenbuilder.RolePublisher
	case 1:
		role = rtctokenbuilder.RolePublisher
	case 2:
		role = rtctokenbuilder.RoleSubscriber
	case 101:
		// DEPRECATED. RoleAdmin has the same privileges as RolePublisher.
		role = rtctokenbuilder.RolePublisher
	default:
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "role must be 0, 1, 2 or 101"})
		return
	}

	token, err := generateRtcToken(request.UID, request.ChannelName, role)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]interface{}{"uid": request.UID, "token": token})
}

func main() {
	if appID == "" || appCertificate == "" {
		log.Fatal("Set APP_ID and APP_CERTIFICATE in the environment.")
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8082"
	}
	http.HandleFunc("/fetch_rtc_token", rtcTokenHandler)
	fmt.Printf("Starting server at port %s\n", port)
	if err := http.ListenAndServe("127.0.0.1:"+port, nil); err != nil {
		log.Fatal(err)
	}
}

// agora-token-migrate: v1 roles ATTENDEE (0) and ADMIN (101) could publish; in AccessToken2 only PUBLISHER (1) can.
func toV2Role(role rtctokenbuilder.Role) rtctokenbuilder.Role {
	if role == 0 || role == 101 {
		return rtctokenbuilder.RolePublisher
	}
	return role
}
