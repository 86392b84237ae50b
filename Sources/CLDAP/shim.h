// OpenLDAP's client library (Debian's libldap-dev), for directory sign-in.
#define LDAP_DEPRECATED 0
#include <ldap.h>
#include <lber.h>
